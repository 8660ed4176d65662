/** The time zone and instant a card is drawn at (deps.clock, config.timezone). */
export interface When {
  timezone: string;
  now: Date;
}

export function whenOf(deps: { clock: { now(): Date }; config: { timezone: string } }): When {
  return { timezone: deps.config.timezone, now: deps.clock.now() };
}
