export declare function bundledWorker(name: string, root?: string): string | undefined;
export declare function startWorker(name: string, moduleUrl: string, root?: string): Promise<void>;
