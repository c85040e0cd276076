// English: every Korean key must have an English message (the type checker enforces it).
import type { Catalogue } from "./ko";

export const en: Catalogue = {
  "app.title": "Cluster Desk",
  "app.loading": "Loading…",
  "app.openError": "The database could not be opened",
  "app.databasePath": "Database file: {path}",
  "welcome.title": "Welcome to Cluster Desk",
  "welcome.body": "There is no cluster yet. Explore the features with the demo cluster.",
  "welcome.openDemo": "Open the demo cluster",
  "welcome.opening": "Creating the demo cluster…",
  "home.members": "{count} members",
  "home.companies": "{count} companies",
  "home.people": "{count} people",
  "home.groups": "{count} small groups",
  "home.complex": "{complex} · {theme}",
  "settings.language": "Language",
  "language.ko": "한국어",
  "language.en": "English",
  "region.capital": "Capital region",
  "region.chungcheong": "Chungcheong",
  "region.daegu_gyeongbuk": "Daegu–Gyeongbuk",
  "region.dongnam": "Southeast",
  "region.honam": "Honam",
  "region.gangwon": "Gangwon",
  "error.retry": "Try again",
};
