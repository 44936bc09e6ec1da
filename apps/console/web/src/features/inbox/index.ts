export { Inbox } from './routes/Inbox';
