/** Profile names and a long text the bench data draw from (profile-server and backup). */
export const NAMES = [
  "Aino",
  "Eero",
  "Helmi",
  "Juho",
  "Kaisa",
  "Lauri",
  "Maija",
  "Niko",
  "Olli",
  "Saara",
  "Veera",
];
export const TEXT =
  "Outdoorsy and curious. Weekends at the cottage, weekdays at work and in the gym. I like long " +
  "walks by the sea, good coffee, live music and the first snow of the winter. Looking for someone " +
  "to share saunas, board games and road trips with; bonus points for a dog. Not much for small talk, " +
  "but happy to talk about books, films and where the best cinnamon buns in town are.";
