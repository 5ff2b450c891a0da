export declare const CLI_BUNDLE_DIR: string;
export declare const CLI_MANIFEST: string;
export declare function freshCliBundle(root: string): string | undefined;
