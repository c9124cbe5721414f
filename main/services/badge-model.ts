import type { SiteBadge } from '../../shared/site/model.js';
import type { BadgeClass } from '../db/repos/badges.js';

/**
 * A badge class in the site model, without its image and endorsements. Issuing and the site
 * export both start from it, so that credentials embed exactly the Achievement the site publishes.
 */
export function siteBadgeFields(badge: BadgeClass): Omit<SiteBadge, 'image' | 'endorsements'> {
  return {
    id: badge.id,
    name: badge.name,
    description: badge.description,
    criteriaNarrative: badge.criteriaNarrative,
    criteriaUrl: badge.criteriaUrl,
    tags: badge.tags,
    alignments: badge.alignments.map(({ targetName, targetUrl, targetDescription, targetFramework, targetCode }) => ({
      targetName,
      targetUrl,
      ...(targetDescription ? { targetDescription } : {}),
      ...(targetFramework ? { targetFramework } : {}),
      ...(targetCode ? { targetCode } : {}),
    })),
    achievementType: badge.achievementType,
  };
}
