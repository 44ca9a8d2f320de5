export * from './AwsMlConfig';
export * from './SageMakerTrainingService';
export * from './NeoCompilationService';
export * from './GreengrassComponentPublisher';
export * from './SimulatedMlServices';
