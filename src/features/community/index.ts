export { FirstRunChecklist, firstRunChecklist } from './community.checklist.tsx'
export { communityPages } from './community.pages.tsx'
export { communityTitle, loadBrand } from './community.service.ts'
