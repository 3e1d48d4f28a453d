#!/usr/bin/env node
// Launcher: lets Node run the CLI's TypeScript sources directly through tsx's ESM loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
