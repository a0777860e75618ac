export * from './cycle-facts';
export * from './cycle-status';
export * from './cycle-status-view';
