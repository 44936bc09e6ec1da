export { ProactiveTasks } from './routes/ProactiveTasks';
export { FairRanking } from './routes/FairRanking';
export { MonthlyTopics } from './routes/MonthlyTopics';
export { WhatIf } from './routes/WhatIf';
