// What every screen needs: the language, its translator, and navigation.
import type { Translate } from "./i18n";
import type { Language } from "./bindings/Language";
import type { Navigate } from "./route";

export type Ctx = { t: Translate; language: Language; go: Navigate };
