export * from './cases';
export * from './history';
export * from './reference';
export * from './users';
export * from './denominators';
export * from './import-presets';
export * from './sync';
export * from './case-work';
