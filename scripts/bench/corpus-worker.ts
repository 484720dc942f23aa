// Worker-thread entry for generateCorpus: writes one contiguous range of articles.
import { parentPort, workerData } from 'node:worker_threads';
import { writeArticles, type CorpusRange } from './corpus.ts';

const { dir, from, to } = workerData as CorpusRange;
parentPort?.postMessage(writeArticles(dir, from, to));
