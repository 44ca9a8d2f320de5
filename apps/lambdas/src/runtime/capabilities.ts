// The capabilities a handler may declare (defineHandler's second argument), as the runtime offers
// them: a handler names what it uses and the Lambda runtime composes the container of those alone
// (so a bundle carries no other family's adapters); handlers never reach the container themselves.
export { ASSIGNMENTS, EDGE_DEPLOYMENTS, EDGE_TRAINING, IMAGES, JOBS, MIGRATION, RESULTS, type EdgecvView } from '@edgecv/container';
