/** Runs in every test file (vitest's setupFiles), also where files share modules. */
import { afterAll } from 'vitest';
import { removeTemporaryFolders } from './temporary-folders.ts';

afterAll(removeTemporaryFolders);
