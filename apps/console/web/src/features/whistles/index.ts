export { BlowWhistle } from './components/BlowWhistle';
export { WhistleCard } from './components/WhistleCard';
export { WhistlePage } from './routes/WhistlePage';
export type { Whistle } from './api/whistles';
