import type { Owner } from "./owners.js";

export function ownerOf(owners: readonly Owner[], petOwnerId: string): Owner {
  return owners.find((owner) => owner.id === petOwnerId);
}
