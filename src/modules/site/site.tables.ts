/** Operator-editable pages (Impressum, Datenschutz): localized Markdown. */
export interface SitePagesTable {
  slug: string;
  body: string;
  updated_at: string;
  updated_by: number | null;
}
