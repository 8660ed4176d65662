/** Whether something was typed into any of these form fields (a phone, an address). */
export function typedInto(formValue: Record<string, unknown>, names: string[]): boolean {
  return names.some((n) => typeof formValue[n] === 'string' && formValue[n].trim() !== '');
}
