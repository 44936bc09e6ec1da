/** The shared words of the domain (see DOMAIN.md): one spelling for code, API, events and UI. */

/** Where an appeal came in. */
export const CHANNELS = ['hotline', 'grid-worker', 'app', 'mini-program', 'wechat-robot', 'walk-in', 'complaint-box'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What kind of appeal it is. */
export const APPEAL_TYPES = ['complaint', 'request-for-help', 'report', 'consultation', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
