export { ResponsibilityList } from './routes/ResponsibilityList';
