export { xAiGrokApiTest } from './credentialTest';
export { searchImageModels, searchModels, searchVideoModels } from './listSearch';
