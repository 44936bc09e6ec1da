import { leafCategories, type LeafCategory } from '@county/reference';
import type { ResponsibilityListItem, ResponsibilityScope, ResponsibleUnitRef } from '@county/contracts';

/**
 * Version 1 of the demo county's responsibility list (属地管理事项清单): for every matter of the
 * category catalogue, who is primarily responsible (主体责任) and who cooperates (配合责任), in
 * urban streets (街道) and in rural towns and townships (镇/乡). Matters that a county department
 * owns also have a county-wide item, which covers a case whose place is not known.
 *
 * "Small matters do not leave the grid, big matters do not leave the net": a matter goes to the
 * lowest level that can close it (the place's grid, community or township); only what needs a
 * county department's powers goes to the department.
 *
 * A spec is 'primary|cooperating,cooperating' where each unit is 'grid', 'community' or
 * 'township' (the place's own unit) or a county unit code.
 */
const MATTERS: Readonly<Record<string, { readonly urban: string; readonly rural: string }>> = {
  'UM.ORDER.VENDING': { urban: 'township|QH-URBAN,QH-MARKET', rural: 'township|QH-MARKET' },
  'UM.ORDER.PARKING': { urban: 'township|QH-POLICE', rural: 'township|QH-TRANSPORT' },
  'UM.ORDER.ADS': { urban: 'community|township', rural: 'community|township' },
  'UM.ORDER.OUTDOOR-BBQ': { urban: 'township|QH-URBAN,QH-ECO', rural: 'township|QH-ECO' },
  'UM.SANITATION.GARBAGE': { urban: 'community|township', rural: 'community|township' },
  'UM.SANITATION.STREET': { urban: 'township|QH-URBAN', rural: 'township|community' },
  'UM.SANITATION.TOILET': { urban: 'QH-URBAN|township', rural: 'township|QH-URBAN' },
  'UM.FACILITY.WATERLOGGING': { urban: 'QH-URBAN|township,QH-WATER', rural: 'township|QH-WATER' },
  'UM.FACILITY.STREETLIGHT': { urban: 'QH-URBAN|community', rural: 'township|QH-URBAN' },
  'UM.FACILITY.MANHOLE': { urban: 'QH-URBAN|QH-HOUSING', rural: 'QH-URBAN|township' },
  'UM.FACILITY.ROAD': { urban: 'QH-HOUSING|QH-URBAN', rural: 'QH-TRANSPORT|township' },
  'UM.CONSTRUCTION.ILLEGAL-BUILDING': { urban: 'township|QH-URBAN,community', rural: 'township|QH-LAND,community' },
  'UM.CONSTRUCTION.LAND-USE': { urban: 'QH-LAND|township', rural: 'QH-LAND|township,QH-AGRI' },
  'SO.NEIGHBOUR.DISPUTE': { urban: 'community|grid', rural: 'community|grid,township' },
  'SO.NEIGHBOUR.LEAK': { urban: 'community|grid', rural: 'community|grid' },
  'SO.NEIGHBOUR.DOGS': { urban: 'community|QH-POLICE', rural: 'community|township' },
  'SO.SAFETY.FLYING-WIRE': { urban: 'grid|community,QH-FIRE', rural: 'grid|community' },
  'SO.SAFETY.FIRE-LANE': { urban: 'QH-FIRE|community', rural: 'QH-FIRE|township' },
  'SO.SAFETY.GAS': { urban: 'QH-HOUSING|QH-EMERGENCY,community', rural: 'QH-HOUSING|township' },
  'SO.SAFETY.PRODUCTION': { urban: 'QH-EMERGENCY|township', rural: 'QH-EMERGENCY|township' },
  'SO.ORDER.NOISE': { urban: 'QH-POLICE|community', rural: 'QH-POLICE|community' },
  'SO.ORDER.GAMBLING': { urban: 'QH-POLICE|community', rural: 'QH-POLICE|township' },
  'SO.ORDER.STRAY-DOGS': { urban: 'township|QH-URBAN,QH-POLICE', rural: 'township|QH-AGRI' },
  'SO.LEGAL.AID': { urban: 'QH-JUSTICE|township', rural: 'QH-JUSTICE|township' },
  'SO.LEGAL.MEDIATION': { urban: 'township|community,QH-JUSTICE', rural: 'community|township,QH-JUSTICE' },
  'PH.PROPERTY.SERVICE': { urban: 'community|QH-HOUSING', rural: 'community|township' },
  'PH.PROPERTY.FEES': { urban: 'QH-HOUSING|community', rural: 'QH-HOUSING|township' },
  'PH.PROPERTY.LIFT': { urban: 'QH-MARKET|community,QH-HOUSING', rural: 'QH-MARKET|township' },
  'PH.PROPERTY.COMPOUND-PARKING': { urban: 'community|grid', rural: 'community|township' },
  'PH.HOUSING.CERTIFICATE': { urban: 'QH-LAND|township', rural: 'QH-LAND|township' },
  'PH.HOUSING.RENOVATION': { urban: 'QH-HOUSING|township,community', rural: 'QH-HOUSING|township' },
  'PH.HOUSING.DELIVERY': { urban: 'QH-HOUSING|QH-MARKET', rural: 'QH-HOUSING|township' },
  'PH.UTILITY.WATER-SUPPLY': { urban: 'QH-WATER|community', rural: 'township|QH-WATER' },
  'PH.UTILITY.HEATING': { urban: 'QH-HOUSING|community', rural: 'township|QH-HOUSING' },
  'EN.POLLUTION.CONSTRUCTION-NOISE': { urban: 'QH-ECO|QH-URBAN', rural: 'QH-ECO|township' },
  'EN.POLLUTION.SHOP-NOISE': { urban: 'township|QH-ECO,community', rural: 'township|QH-ECO' },
  'EN.POLLUTION.FUMES': { urban: 'QH-ECO|QH-URBAN,township', rural: 'township|QH-ECO' },
  'EN.POLLUTION.WASTEWATER': { urban: 'QH-ECO|QH-HOUSING', rural: 'QH-ECO|township,QH-AGRI' },
  'EN.POLLUTION.STRAW-BURNING': { urban: 'township|QH-URBAN', rural: 'township|community,QH-ECO' },
  'EN.GREEN.TREES': { urban: 'QH-URBAN|community', rural: 'township|QH-AGRI' },
  'EN.WATER.RIVER': { urban: 'QH-WATER|township', rural: 'QH-WATER|township' },
  'LB.WAGES.ARREARS': { urban: 'QH-HRSS|township', rural: 'QH-HRSS|township,QH-HOUSING' },
  'LB.WAGES.CONTRACT': { urban: 'QH-HRSS|QH-JUSTICE', rural: 'QH-HRSS|QH-JUSTICE' },
  'LB.SOCIAL-SECURITY.PENSION': { urban: 'QH-HRSS|community', rural: 'QH-HRSS|township' },
  'LB.SOCIAL-SECURITY.MEDICAL': { urban: 'QH-MEDINS|community', rural: 'QH-MEDINS|township' },
  'LB.SOCIAL-SECURITY.EMPLOYMENT': { urban: 'QH-HRSS|community', rural: 'QH-HRSS|township' },
  'PS.CIVIL.SUBSISTENCE': { urban: 'township|community,QH-CIVIL', rural: 'township|community,QH-CIVIL' },
  'PS.CIVIL.ELDERLY': { urban: 'QH-CIVIL|community', rural: 'QH-CIVIL|township' },
  'PS.HEALTH.SERVICE': { urban: 'QH-HEALTH|township', rural: 'QH-HEALTH|township' },
  'PS.HEALTH.VACCINATION': { urban: 'QH-HEALTH|community', rural: 'QH-HEALTH|township' },
  'PS.EDUCATION.ENROLMENT': { urban: 'QH-EDU|township', rural: 'QH-EDU|township' },
  'PS.EDUCATION.TUTORING': { urban: 'QH-EDU|QH-MARKET', rural: 'QH-EDU|township' },
  'PS.MARKET.CONSUMER': { urban: 'QH-MARKET|township', rural: 'QH-MARKET|township' },
  'PS.MARKET.FOOD': { urban: 'QH-MARKET|township', rural: 'QH-MARKET|township' },
  'PS.MARKET.PRICE': { urban: 'QH-MARKET|township', rural: 'QH-MARKET|township' },
  'PS.RURAL.SUBSIDY': { urban: 'QH-AGRI|township', rural: 'township|QH-AGRI' },
  'TR.PUBLIC.BUS': { urban: 'QH-TRANSPORT|township', rural: 'QH-TRANSPORT|township' },
  'TR.PUBLIC.TAXI': { urban: 'QH-TRANSPORT|QH-POLICE', rural: 'QH-TRANSPORT|township' },
  'TR.ROAD.SIGNALS': { urban: 'QH-POLICE|QH-URBAN', rural: 'QH-POLICE|QH-TRANSPORT' },
  'TR.ROAD.RURAL-ROAD': { urban: 'QH-TRANSPORT|township', rural: 'township|QH-TRANSPORT' },
};

/** Items for one township that differ from the urban/rural rule. */
const TOWNSHIP_ITEMS: readonly { readonly categoryCode: string; readonly townshipCode: string; readonly spec: string; readonly note: string }[] = [
  { categoryCode: 'UM.ORDER.VENDING', townshipCode: 'QH-CG', spec: 'QH-URBAN|township,QH-MARKET', note: "the county seat's main streets are kept by the county urban management squad" },
  { categoryCode: 'UM.SANITATION.STREET', townshipCode: 'QH-CG', spec: 'QH-URBAN|township', note: "the county seat's streets are cleaned under the county urban management bureau" },
  { categoryCode: 'EN.WATER.RIVER', townshipCode: 'QH-NH', spec: 'QH-WATER|township,QH-URBAN', note: 'the lake shore park is kept jointly with urban management' },
  { categoryCode: 'EN.WATER.RIVER', townshipCode: 'QH-ST', spec: 'township|QH-WATER', note: "the township's river chief (河长) patrols its own reaches" },
];

export function unitRef(token: string): ResponsibleUnitRef {
  if (token === 'grid' || token === 'community' || token === 'township') return { level: token };
  return { level: 'county', unitCode: token };
}

function item(category: LeafCategory, scope: ResponsibilityScope, spec: string, note?: string): ResponsibilityListItem {
  const [primary, cooperating = ''] = spec.split('|');
  const scopeKey = scope.kind === 'township' ? scope.townshipCode : scope.kind;
  return {
    id: `${category.code}@${scopeKey}`,
    categoryCode: category.code,
    scope,
    primary: unitRef(primary),
    cooperating: cooperating ? cooperating.split(',').map(unitRef) : [],
    ...(note !== undefined && { note }),
  };
}

function buildBaseline(): readonly ResponsibilityListItem[] {
  const items: ResponsibilityListItem[] = [];
  for (const category of leafCategories()) {
    const matter = MATTERS[category.code];
    if (!matter) throw new Error(`the baseline responsibility list has no entry for category ${category.code}`);
    if (category.ownerDepartmentCode) {
      items.push(item(category, { kind: 'county' }, category.ownerDepartmentCode, 'anywhere in the county, also when the place is not known'));
    }
    items.push(item(category, { kind: 'urban' }, matter.urban));
    items.push(item(category, { kind: 'rural' }, matter.rural));
  }
  for (const t of TOWNSHIP_ITEMS) {
    const category = leafCategories().find((c) => c.code === t.categoryCode);
    if (!category) throw new Error(`unknown category ${t.categoryCode}`);
    items.push(item(category, { kind: 'township', townshipCode: t.townshipCode }, t.spec, t.note));
  }
  return items;
}

/** Version 1 of the list, effective from the start. */
export const BASELINE_ITEMS: readonly ResponsibilityListItem[] = buildBaseline();
export const BASELINE_EFFECTIVE_FROM = '2025-12-31T16:00:00.000Z';
