export { xAiGrokApiTest } from './credentialTest';
export { searchModels, searchVoices } from './listSearch';
