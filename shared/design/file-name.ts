/** The stem of a file named after a design: lower-case letters, digits and dashes ("Médaille d'or" → "medaille-d-or"). */
export function designFileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return stem || 'design';
}
