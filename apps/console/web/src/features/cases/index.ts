export { CasePage } from './routes/CasePage';
