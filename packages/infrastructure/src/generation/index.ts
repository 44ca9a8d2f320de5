export * from './BedrockImageGenerator';
export * from './LocalImageGenerator';
