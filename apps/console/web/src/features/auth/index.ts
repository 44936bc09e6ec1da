export { SignIn } from './routes/SignIn';
