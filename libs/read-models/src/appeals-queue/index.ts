export { AppealsQueueEntity, AppealsQueueTable1764100000001, appealsQueueProjection, projectAppealsQueue, type AppealsQueueRow } from './appeals-queue.projection';
