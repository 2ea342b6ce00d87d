export async function runDev(_flags: unknown): Promise<number> { return 0 }
