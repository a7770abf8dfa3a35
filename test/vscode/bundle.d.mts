export declare const ROOT: string;
export declare function ensureBuilt(): void;
export declare function packageExtension(packagePath: string): Promise<string>;
export declare function bundleSuite(outDir: string): Promise<string>;
export declare function packageRunner(outDir: string): Promise<string>;
