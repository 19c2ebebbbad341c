/** The part of madge's API (v8, untyped) that tools/cycles/check.ts uses. */
declare module 'madge' {
  interface MadgeResult {
    /** Each file cycle as the files on it. */
    circular(): string[][];
    /** File -> the files it imports, paths relative to the common base. */
    obj(): Record<string, string[]>;
  }
  interface MadgeConfig {
    readonly fileExtensions?: readonly string[];
    readonly tsConfig?: string;
  }
  export default function madge(paths: string | readonly string[], config?: MadgeConfig): Promise<MadgeResult>;
}
