export * from '../../src/playground/fake-bot-api.ts';
