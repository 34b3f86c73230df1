// Worker thread: compiles batches of lesson files (pure CPU work).
import { parentPort } from 'node:worker_threads';
import { compileLessonText } from './compile.ts';

export interface CompileJob {
  source: string;
  fallbackTitle: string;
}

parentPort!.on('message', (batch: { id: number; jobs: CompileJob[] }) => {
  parentPort!.postMessage({ id: batch.id, results: batch.jobs.map((job) => compileLessonText(job.source, job.fallbackTitle)) });
});
