/** A name in Chinese, as residents and staff write it, and in English, for code, logs and other readers. */
export interface LocalizedName {
  readonly zh: string;
  readonly en: string;
}
