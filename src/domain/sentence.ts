// Joining typed text into our sentences without doubled punctuation (“同意推进。。项目可以签约”).

const END = /[\s。．.！!？?；;，,、：:]+$/u;

/** The text as one sentence ending in exactly one “。” (a typed “！” or “？” is kept). */
export function endSentence(text: string): string {
  const t = text.trim();
  const kept = /[！？!?]$/u.exec(t)?.[0];
  const body = t.replace(END, '');
  if (!body) return '';
  return kept ? `${body}${kept === '!' ? '！' : kept === '?' ? '？' : kept}` : `${body}。`;
}
