/** Three-year cycles counted from 2018-2020 (domain.md D2): the name of the cycle holding a date. */
export function cycleOf(date: Date = new Date()): string {
  const start = 2018 + 3 * Math.floor((date.getFullYear() - 2018) / 3);
  return `${start}-${start + 2}`;
}

/** The cycles a picker offers: from 2018-2020 to the one after the current. */
export function cycleChoices(today: Date = new Date()): string[] {
  const current = Number(cycleOf(today).slice(0, 4));
  const choices: string[] = [];
  for (let start = 2018; start <= current + 3; start += 3) choices.push(`${start}-${start + 2}`);
  return choices.reverse();
}

/** CEUs as api.md sends them (numbers with one decimal), printed with that one decimal. */
export function ceus(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

/** Cents as dollars. */
export function money(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '–' : (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
