import { MemoryStore } from '../../src/storage/memory-store.js';
import { storeContract } from './contract.js';

storeContract('MemoryStore', async (clock) => new MemoryStore({ clock }));
