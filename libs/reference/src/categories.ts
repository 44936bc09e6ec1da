import categoriesJson from '../data/v1/categories.json';
import { deepFreeze } from './deep-freeze';
import type { LocalizedName } from './localized-name';

/**
 * The catalogue of matters (事项分类) in three levels, e.g.
 * 城市管理 urban management > 市容秩序 city order > 占道经营 street vending.
 * Codes are dotted paths (UM, UM.ORDER, UM.ORDER.VENDING) and never change meaning.
 * Only leaf (level-3) categories are put on cases.
 */

/** The lowest level expected to close a matter: "small matters do not leave the grid" (小事不出格). */
export type HandlingLevel = 'grid' | 'community' | 'township' | 'county';

export interface BranchCategory {
  readonly code: string;
  readonly level: 1 | 2;
  readonly parentCode: string | null;
  readonly name: LocalizedName;
}

export interface LeafCategory {
  readonly code: string;
  readonly level: 3;
  readonly parentCode: string;
  readonly name: LocalizedName;
  /** A suggestion for dispatch; the responsibility list decides. */
  readonly defaultHandlingLevel: HandlingLevel;
  /** For county-level matters: the department that usually owns the matter. */
  readonly ownerDepartmentCode?: string;
}

export type Category = BranchCategory | LeafCategory;

/** A category with its sub-categories, for pickers and reports. */
export interface CategoryNode {
  readonly category: Category;
  readonly children: readonly CategoryNode[];
}

interface CategoriesFile {
  readonly version: number;
  readonly categories: readonly Category[];
}

const catalogue = deepFreeze(categoriesJson as unknown as CategoriesFile);

export const CATEGORIES_DATA_VERSION = catalogue.version;

const categoriesByCode = new Map(catalogue.categories.map((c) => [c.code, c]));

/** Every category, parents before their children. */
export function categories(): readonly Category[] {
  return catalogue.categories;
}

export function categoryByCode(code: string): Category | undefined {
  return categoriesByCode.get(code);
}

export function isLeafCategory(code: string): boolean {
  return categoriesByCode.get(code)?.level === 3;
}

/** The leaf category with this code; undefined for an unknown code or a level-1/2 category. */
export function leafCategory(code: string): LeafCategory | undefined {
  const category = categoriesByCode.get(code);
  return category?.level === 3 ? category : undefined;
}

export function leafCategories(): readonly LeafCategory[] {
  return catalogue.categories.filter((c): c is LeafCategory => c.level === 3);
}

/** The direct sub-categories of a category; of the catalogue's roots when code is null. */
export function childCategories(code: string | null): readonly Category[] {
  return catalogue.categories.filter((c) => c.parentCode === code);
}

const tree: readonly CategoryNode[] = deepFreeze(buildTree(null));

function buildTree(parentCode: string | null): CategoryNode[] {
  return childCategories(parentCode).map((category) => ({ category, children: buildTree(category.code) }));
}

/** The catalogue as a tree of level-1 categories. */
export function categoryTree(): readonly CategoryNode[] {
  return tree;
}
