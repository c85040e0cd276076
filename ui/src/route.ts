// Where the window is: one screen, maybe one record.
export type Route =
  | { screen: "home" }
  | { screen: "directory" }
  | { screen: "import" }
  | { screen: "member"; id: string }
  | { screen: "schedule" }
  | { screen: "event"; id: string; notice?: string }
  | { screen: "visit" }
  | { screen: "issues"; focus?: string }
  | { screen: "projects"; fromIssue?: string }
  | { screen: "project"; id: string }
  | { screen: "sync" }
  | { screen: "conflicts" };

export type Navigate = (route: Route) => void;
