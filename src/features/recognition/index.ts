import './recognition.profile.tsx'

export { ProfileRecognition, recognitionPages } from './recognition.pages.tsx'
export { recognitionOf } from './recognition.service.ts'
