export { ReturnVisits } from './routes/ReturnVisits';
