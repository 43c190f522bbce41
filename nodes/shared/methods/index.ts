export { xAiGrokApiTest } from './credentialTest';
export { searchModels } from './listSearch';
