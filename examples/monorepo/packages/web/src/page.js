export const title = 'Acme';
