/** The Terraform address of a data source declared by a cdktf construct, for hand-written expressions. */
export function address(e: { terraformResourceType: string; friendlyUniqueId: string }): string {
  return `data.${e.terraformResourceType}.${e.friendlyUniqueId}`;
}
