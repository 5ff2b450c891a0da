import { getTaxonomyCode } from '../../../../db/repos/taxonomy.repo';
import type { TaxonomyChange } from '../../../../shared/sync/reference-data';
import type { ServiceContext } from '../../context';
import {
  addTaxonomy,
  reinstateTaxonomy,
  renameTaxonomy,
  retireTaxonomy,
  setTaxonomySynonymList,
} from '../../reference/taxonomy.service';

/**
 * Head office's classification changes, each through the taxonomy service (its validation, its
 * history event). Codes head office does not name are the branch's own and are never touched. An
 * `add` of a code the branch already holds under other names keeps the branch's (returned as kept):
 * head office renames with a `rename`, never by re-adding.
 */
export function applyTaxonomyChanges(
  ctx: ServiceContext,
  changes: readonly TaxonomyChange[],
): { kept: string[] } {
  const kept: string[] = [];
  for (const change of changes) {
    const held = getTaxonomyCode(ctx.db, change.scheme, change.code);
    switch (change.op) {
      case 'add':
        if (!held) addTaxonomy(ctx, change);
        else if (held.nameZh !== change.nameZh || held.nameEn !== change.nameEn)
          kept.push(`${change.scheme}:${change.code}`);
        break;
      case 'rename':
        if (!held || held.nameZh !== change.nameZh || held.nameEn !== change.nameEn)
          renameTaxonomy(ctx, change);
        break;
      case 'retire':
        if (!held || held.retiredAt === null) retireTaxonomy(ctx, change);
        break;
      case 'reinstate':
        if (!held || held.retiredAt !== null) reinstateTaxonomy(ctx, change);
        break;
      case 'synonyms':
        if (!held || JSON.stringify(held.synonyms) !== JSON.stringify(change.synonyms))
          setTaxonomySynonymList(ctx, change);
        break;
    }
  }
  return { kept };
}
