export { xAiGrokApiTest } from './credentialTest';
export { searchImageModels, searchModels, searchVideoModels, searchVoices } from './listSearch';
