export { DispatchDesk } from './routes/DispatchDesk';
export { ReviewQueue } from './routes/ReviewQueue';
export { Requests } from './routes/Requests';
