export { OpsBoard } from './routes/OpsBoard';
