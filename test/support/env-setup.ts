import { inject } from 'vitest';

// Test files of the integration and api tiers see the local stack's environment, as a Lambda
// function would see its own, before any handler module is imported.
Object.assign(process.env, inject('localStack').env);
