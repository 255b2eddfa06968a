import './community.home.tsx'

export { FirstRunChecklist, firstRunChecklist } from './community.checklist.tsx'
export { communityPages } from './community.pages.tsx'
export { communityNamesFrom, communityTitle, loadBrand } from './community.service.ts'
