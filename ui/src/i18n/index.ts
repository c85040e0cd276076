// Message lookup in the current language, with {name} placeholders filled in.
import { ko, type MessageKey, type Catalogue } from "./ko";
import { en } from "./en";
import type { Language } from "../bindings/Language";

const catalogues: Record<Language, Catalogue> = { ko, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalogue = catalogues[language];
  return (key, params) => {
    const template = catalogue[key] ?? ko[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export type { MessageKey, Language };
