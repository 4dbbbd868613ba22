export function initials(name: string): string {
  return name
    .split(" ")
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
}

export const shortName = (fullName) => fullName.split(" ")[0] + " " + initials(fullName).slice(1);
