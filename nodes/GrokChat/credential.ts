/** The credential type the node reads; its class lives in credentials/. */
export const CREDENTIAL_TYPE = 'xAiGrokApi';
